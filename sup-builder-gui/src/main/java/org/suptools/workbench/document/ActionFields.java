package org.suptools.workbench.document;

import static org.suptools.workbench.document.FieldKind.BOOLEAN;
import static org.suptools.workbench.document.FieldKind.CHOICE;
import static org.suptools.workbench.document.FieldKind.KEY_VALUES;
import static org.suptools.workbench.document.FieldKind.LIST;
import static org.suptools.workbench.document.FieldKind.MODE;
import static org.suptools.workbench.document.FieldKind.NUMBER_LIST;
import static org.suptools.workbench.document.FieldKind.OPTIONAL_CHOICE;
import static org.suptools.workbench.document.FieldKind.OPTIONAL_PATH;
import static org.suptools.workbench.document.FieldKind.OPTIONAL_PAYLOAD;
import static org.suptools.workbench.document.FieldKind.OPTIONAL_TEXT;
import static org.suptools.workbench.document.FieldKind.PATH;
import static org.suptools.workbench.document.FieldKind.PAYLOAD;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.suptools.model.action.ActionType;
import org.suptools.model.action.ArchiveFormat;
import org.suptools.model.action.PackageManager;
import org.suptools.model.action.VerifyCheck;

/**
 * The parameters of each action type, in the order the editor shows them. A test holds this list
 * to the record components of {@link ActionType#recordClass()}, so a new parameter in the model
 * cannot go unnoticed here.
 */
public final class ActionFields {

    private static final List<String> FORMATS = texts(ArchiveFormat.values(), ArchiveFormat::text);
    private static final List<String> MANAGERS = texts(PackageManager.values(), PackageManager::text);
    private static final List<String> CHECKS = texts(VerifyCheck.values(), VerifyCheck::text);

    private ActionFields() {
    }

    public static List<FieldSpec> of(ActionType type) {
        return switch (type) {
            case RUNTIME_STOP, RUNTIME_START, RUNTIME_RESTART, SYSTEM_REBOOT -> List.of();
            case FIRMWARE_UPDATE -> List.of(
                    FieldSpec.of("source", "Firmware archive", PAYLOAD, "a zip or tar(.gz) payload holding the new runtime tree"),
                    FieldSpec.of("directory", "Runtime directory", OPTIONAL_PATH, "inside the runtime home; 'runtime' when empty"),
                    FieldSpec.choice("format", "Archive format", OPTIONAL_CHOICE, FORMATS, "taken from the file name when empty"),
                    FieldSpec.of("runtimeVersion", "New runtime version", OPTIONAL_TEXT, "the SemVer the new tree carries"));
            case FILE_COPY -> List.of(
                    FieldSpec.of("source", "Payload file", PAYLOAD, "the file to copy"),
                    FieldSpec.of("destination", "Destination", PATH, "gateway path, relative to the runtime home"),
                    FieldSpec.of("mode", "Mode", MODE, "octal, such as 0644; kept as is when empty"));
            case FILE_DELETE -> List.of(
                    FieldSpec.of("path", "Path", PATH, "gateway path to delete"),
                    FieldSpec.of("recursive", "Delete a whole tree", BOOLEAN, ""),
                    FieldSpec.of("missingOk", "Succeed when missing", BOOLEAN, ""));
            case DIR_CREATE -> List.of(
                    FieldSpec.of("path", "Directory", PATH, "created with missing parents"),
                    FieldSpec.of("mode", "Mode", MODE, "octal, such as 0755"));
            case ARCHIVE_EXTRACT -> List.of(
                    FieldSpec.of("source", "Archive", PAYLOAD, "a zip, tar or tar.gz payload"),
                    FieldSpec.of("destination", "Destination directory", PATH, "gateway directory to unpack into"),
                    FieldSpec.choice("format", "Archive format", OPTIONAL_CHOICE, FORMATS, "taken from the file name when empty"));
            case PROPERTIES_SET -> List.of(
                    FieldSpec.of("file", "Properties file", PATH, "such as conf/dwcore.user.properties"),
                    FieldSpec.of("set", "Set", KEY_VALUES, "keys to set; new keys are appended"),
                    FieldSpec.of("remove", "Remove keys", LIST, "one key per line"),
                    FieldSpec.of("create", "Create the file when missing", BOOLEAN, ""));
            case COMMAND_RUN -> List.of(
                    FieldSpec.of("command", "Command", LIST, "program and arguments, one per line (no shell)"),
                    FieldSpec.of("workingDir", "Working directory", OPTIONAL_PATH, "the runtime home when empty"),
                    FieldSpec.of("environment", "Environment", KEY_VALUES, "added to the installer's environment"),
                    FieldSpec.of("successExitCodes", "Success exit codes", NUMBER_LIST, "comma-separated; 0 when empty"),
                    FieldSpec.of("undo", "Undo command", LIST, "run on rollback, one argument per line"));
            case SCRIPT_RUN -> List.of(
                    FieldSpec.of("source", "Script", PAYLOAD, "the payload script to run"),
                    FieldSpec.of("interpreter", "Interpreter", OPTIONAL_TEXT, "/bin/sh when empty"),
                    FieldSpec.of("arguments", "Arguments", LIST, "one per line"),
                    FieldSpec.of("workingDir", "Working directory", OPTIONAL_PATH, "the runtime home when empty"),
                    FieldSpec.of("environment", "Environment", KEY_VALUES, "added to the installer's environment"),
                    FieldSpec.of("successExitCodes", "Success exit codes", NUMBER_LIST, "comma-separated; 0 when empty"),
                    FieldSpec.of("undoSource", "Undo script", OPTIONAL_PAYLOAD, "run on rollback, the same way"));
            case PACKAGE_INSTALL -> List.of(
                    FieldSpec.of("source", "Package file", PAYLOAD, "a .deb, .rpm or .ipk payload"),
                    FieldSpec.choice("manager", "Package manager", CHOICE, MANAGERS, ""),
                    FieldSpec.of("undo", "Undo command", LIST, "such as dpkg, -r, NAME; one per line"));
            case CERTIFICATE_INSTALL -> List.of(
                    FieldSpec.of("source", "Certificate (PEM)", PAYLOAD, ""),
                    FieldSpec.of("destination", "Destination", PATH, "gateway path"),
                    FieldSpec.of("mode", "Mode", MODE, "octal, such as 0644"));
            case LICENSE_INSTALL -> List.of(
                    FieldSpec.of("source", "License file", PAYLOAD, ""),
                    FieldSpec.of("destination", "Destination", PATH, "gateway path"),
                    FieldSpec.of("mode", "Mode", MODE, "octal, such as 0644"));
            case VERIFY -> List.of(
                    FieldSpec.choice("check", "Check", CHOICE, CHECKS, "what must hold"),
                    FieldSpec.of("path", "Path", OPTIONAL_PATH, "for file-exists and file-hash"),
                    FieldSpec.of("sha256", "SHA-256", OPTIONAL_TEXT, "64 lowercase hex digits, for file-hash"),
                    FieldSpec.of("command", "Command", LIST, "for check command: must exit 0; one argument per line"));
        };
    }

    /** What an action type does, in one line, as the palette shows it under the type's name. */
    public static String describe(ActionType type) {
        return switch (type) {
            case RUNTIME_STOP -> "Stops the gateway runtime (started again on rollback).";
            case RUNTIME_START -> "Starts the runtime and waits until it is healthy.";
            case RUNTIME_RESTART -> "Restarts the runtime, to pick up new settings.";
            case FIRMWARE_UPDATE -> "Replaces the runtime tree with one from an archive; the old one is kept for rollback.";
            case FILE_COPY -> "Copies a payload file onto the gateway; the file it replaces is kept for rollback.";
            case FILE_DELETE -> "Deletes a file or a tree on the gateway; restored on rollback.";
            case DIR_CREATE -> "Creates a directory with its missing parents.";
            case ARCHIVE_EXTRACT -> "Unpacks a zip or tar payload into a gateway directory.";
            case PROPERTIES_SET -> "Sets or removes keys in a .properties file, keeping the rest.";
            case COMMAND_RUN -> "Runs a program with arguments (no shell); an undo command may reverse it.";
            case SCRIPT_RUN -> "Runs a payload script; an undo script may reverse it.";
            case PACKAGE_INSTALL -> "Installs a .deb, .rpm or .ipk payload with the system's package manager.";
            case CERTIFICATE_INSTALL -> "Installs a PEM certificate, checked before it is placed.";
            case LICENSE_INSTALL -> "Installs a license file.";
            case VERIFY -> "Checks that a file exists, has a hash, or that a command succeeds; fails the package if not.";
            case SYSTEM_REBOOT -> "Reboots the gateway once the package is installed.";
        };
    }

    /**
     * The parameters that apply to this draft: all of its type's, except that a {@code verify}
     * shows only those of its check (a path for file-exists; a path and a SHA-256 for file-hash; a
     * command for command).
     */
    public static List<FieldSpec> shown(ActionDraft draft) {
        List<FieldSpec> all = of(draft.type());
        if (draft.type() != ActionType.VERIFY) {
            return all;
        }
        List<String> names = switch (draft.text("check")) {
            case "file-exists" -> List.of("check", "path");
            case "file-hash" -> List.of("check", "path", "sha256");
            case "command" -> List.of("check", "command");
            default -> all.stream().map(FieldSpec::name).toList();
        };
        return all.stream().filter(f -> names.contains(f.name())).toList();
    }

    private static <E> List<String> texts(E[] values, Function<E, String> text) {
        return Arrays.stream(values).map(text).toList();
    }
}
