package org.suptools.model.action;

import java.util.Arrays;
import java.util.Optional;

/** The action types by the names packages use, each with its record class. */
public enum ActionType {
    RUNTIME_STOP("runtime.stop", RuntimeStop.class),
    RUNTIME_START("runtime.start", RuntimeStart.class),
    RUNTIME_RESTART("runtime.restart", RuntimeRestart.class),
    FIRMWARE_UPDATE("firmware.update", FirmwareUpdate.class),
    FILE_COPY("file.copy", FileCopy.class),
    FILE_DELETE("file.delete", FileDelete.class),
    DIR_CREATE("dir.create", DirCreate.class),
    ARCHIVE_EXTRACT("archive.extract", ArchiveExtract.class),
    PROPERTIES_SET("properties.set", PropertiesSet.class),
    COMMAND_RUN("command.run", CommandRun.class),
    SCRIPT_RUN("script.run", ScriptRun.class),
    PACKAGE_INSTALL("package.install", PackageInstall.class),
    CERTIFICATE_INSTALL("certificate.install", CertificateInstall.class),
    LICENSE_INSTALL("license.install", LicenseInstall.class),
    VERIFY("verify", Verify.class),
    SYSTEM_REBOOT("system.reboot", SystemReboot.class);

    private final String typeName;
    private final Class<? extends Action> recordClass;

    ActionType(String typeName, Class<? extends Action> recordClass) {
        this.typeName = typeName;
        this.recordClass = recordClass;
    }

    /** The name in specs and manifests, such as {@code file.copy}. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends Action> recordClass() {
        return recordClass;
    }

    /** What actions of this type do to the runtime; a firmware update restarts it. */
    public RuntimeEffect runtimeEffect() {
        return switch (this) {
            case RUNTIME_STOP -> RuntimeEffect.STOP;
            case RUNTIME_START -> RuntimeEffect.START;
            case RUNTIME_RESTART, FIRMWARE_UPDATE -> RuntimeEffect.RESTART;
            case SYSTEM_REBOOT -> RuntimeEffect.REBOOT_AFTER;
            default -> RuntimeEffect.NONE;
        };
    }

    public static Optional<ActionType> fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }

    public static ActionType of(Action action) {
        return Arrays.stream(values())
                .filter(t -> t.recordClass == action.getClass())
                .findFirst()
                .orElseThrow();
    }

    @Override
    public String toString() {
        return typeName;
    }
}
