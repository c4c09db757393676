package org.suptools.workbench.document;

/** A target row as edited: product, OS, architecture and runtime-version range, as typed. */
public record TargetDraft(String product, String os, String architecture, String runtimeVersion)
        implements RowDraft<TargetDraft> {

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

    /** A row with every cell empty. */
    public static TargetDraft blank() {
        return new TargetDraft("", "", "", "");
    }
}
