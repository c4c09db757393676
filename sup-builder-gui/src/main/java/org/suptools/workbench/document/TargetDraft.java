package org.suptools.workbench.document;

/** A target row as edited: product, OS, architecture and runtime-version range, as typed. */
public record TargetDraft(String product, String os, String architecture, String runtimeVersion) {

    public TargetDraft {
        product = product == null ? "" : product;
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        runtimeVersion = runtimeVersion == null ? "" : runtimeVersion;
    }

    /** A new row that matches any gateway. */
    public static TargetDraft any() {
        return new TargetDraft("*", "*", "*", "");
    }

    /** The value of a column by its field name as specs write it. */
    public String get(String field) {
        return switch (field) {
            case "product" -> product;
            case "os" -> os;
            case "architecture" -> architecture;
            case "runtimeVersion" -> runtimeVersion;
            default -> throw new IllegalArgumentException("no target field " + field);
        };
    }

    public TargetDraft with(String field, String value) {
        return switch (field) {
            case "product" -> new TargetDraft(value, os, architecture, runtimeVersion);
            case "os" -> new TargetDraft(product, value, architecture, runtimeVersion);
            case "architecture" -> new TargetDraft(product, os, value, runtimeVersion);
            case "runtimeVersion" -> new TargetDraft(product, os, architecture, value);
            default -> throw new IllegalArgumentException("no target field " + field);
        };
    }
}
