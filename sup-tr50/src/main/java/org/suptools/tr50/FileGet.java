package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code file.get {fileName, thingKey | global}}: asks for a file to download, a thing's own file
 * or (with {@code global: true}) one of the organisation's Developer Files, where the SUPs of a
 * campaign are. The reply's params are a {@link FileGetResult}.
 *
 * @param fileName the file's name, such as {@code acme-config.sup}
 * @param thingKey the thing whose file it is; absent means the connected thing
 * @param global whether the file is a global (Developer) file; written only when true
 */
public record FileGet(String fileName, Optional<String> thingKey, boolean global) implements Tr50Command {

    public static final String NAME = "file.get";

    public FileGet {
        Checks.singleLine("fileName", fileName);
        Checks.nonBlank("thingKey", thingKey);
    }

    /** A Developer File: what a campaign's {@code gateway.sup.update} names. */
    public static FileGet global(String fileName) {
        return new FileGet(fileName, Optional.empty(), true);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder().put("fileName", fileName);
        thingKey.ifPresent(v -> out.put("thingKey", v));
        if (global) {
            out.put("global", true);
        }
        return out.build();
    }

    static FileGet read(FieldReader in) throws Tr50Exception {
        String fileName = in.string("fileName");
        Optional<String> thingKey = in.optionalString("thingKey");
        boolean global = in.optionalBool("global").orElse(false);
        return in.build(() -> new FileGet(fileName, thingKey, global));
    }
}
