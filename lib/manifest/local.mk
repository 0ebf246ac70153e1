# manifest: the runtime-dependency manifest: model, JSON, the embedded
# section.
lib_libmanyguard_a_SOURCES += %reldir%/manifest.c %reldir%/manifest.h %reldir%/manifest_embed.c \
	%reldir%/manifest_json.c
