# elf: the read-only ELF model, relocations (a reader and one table per
# machine), symbol-table editing, .gnu.hash lookups, ar archives (read and
# write) and the plugin's object notes.
lib_libmanyguard_a_SOURCES += %reldir%/elf.c %reldir%/elf.h %reldir%/elf_internal.h \
	%reldir%/elf_dynamic.c %reldir%/elf_versions.c %reldir%/elf_gnuhash.c \
	%reldir%/elf_gnuhash.h %reldir%/elf_reloc.c %reldir%/elf_reloc.h \
	%reldir%/elf_reloc_types.c %reldir%/elf_reloc_x86_64.def %reldir%/elf_reloc_aarch64.def \
	%reldir%/elf_edit.c %reldir%/elf_edit.h %reldir%/archive.c %reldir%/archive_write.c \
	%reldir%/archive.h %reldir%/objnotes.c %reldir%/objnotes.h \
	%reldir%/objnotes_format.h
