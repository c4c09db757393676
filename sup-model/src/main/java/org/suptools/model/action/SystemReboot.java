package org.suptools.model.action;

/** Requests a reboot of the gateway once the whole package has completed; never reboots mid-package. */
public record SystemReboot(ActionHeader header) implements Action {

    public SystemReboot {
        java.util.Objects.requireNonNull(header, "header");
    }

    @Override
    public SystemReboot withHeader(ActionHeader newHeader) {
        return new SystemReboot(newHeader);
    }

    @Override
    public String summary() {
        return "request a reboot after the package completes";
    }
}
