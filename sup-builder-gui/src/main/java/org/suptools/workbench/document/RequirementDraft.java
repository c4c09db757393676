package org.suptools.workbench.document;

/** A {@code requires} row as edited: the package that must be installed and its version range, as typed. */
public record RequirementDraft(String name, String version) implements RowDraft<RequirementDraft> {

    public RequirementDraft {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }

    /** A new row, to be filled in: until it is, the validator says what each cell needs. */
    public static RequirementDraft blank() {
        return new RequirementDraft("", "");
    }
}
