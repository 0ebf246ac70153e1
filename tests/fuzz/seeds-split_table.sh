#!/bin/sh
# seeds-split_table.sh DIR: newer-symbols.txt tables as `manyguard
# nonshared` writes them, truncated and corrupted variants, lines without
# all their fields, empty lines, NUL bytes and a missing final newline.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
head='# manyguard newer-symbols 1: symbol\tversion\tstatus\tdemangled\n'
row1='_ZNSt8to_charsEPcS_d\tGLIBCXX_3.4.29\tprovided\tstd::to_chars(char*, char*, double)\n'
row2='_ZNSt3pmr20get_default_resourceEv\tGLIBCXX_3.4.26\thazard\tstd::pmr::get_default_resource()\n'
row3='_ZSt10from_charsPKcS0_RdSt12chars_format\tGLIBCXX_3.4.29\tforwarded\t\n'
printf "$head$row1$row2$row3" >"$out/table"
size=$(wc -c <"$out/table")
for cut in 10 40 $((size / 2)) $((size - 1)); do
	head -c $cut "$out/table" >"$out/table.cut$cut"
done
cp "$out/table" "$out/table.corrupt" && overwrite "$out/table.corrupt" 70 '\t\n\000\t'
printf "$head" >"$out/header-only"
printf "$head\n$row1" >"$out/empty-line"
printf "${head}_Z1fv\tV\n" >"$out/two-fields"
printf "${head}_Z1fv\t\tprovided\tf()\n" >"$out/no-version"
printf "${head}_Z1fv\tV\tprovided\tf()\r\n_Z1fv\tV\thazard\tf()" >"$out/twice"
printf '# manyguard newer-symbols 2: symbol\n' >"$out/format2"
printf "$head$row1" | tr '\n' '\000' >"$out/nul"
exit 0
