package org.suptools.model.action;

import java.util.List;

/**
 * One step of a package. Every action type is a record of this sealed hierarchy, so that code
 * which handles actions (the installer, the validators, the Workbench editors) is a switch the
 * compiler checks for completeness.
 */
public sealed interface Action
        permits RuntimeStop, RuntimeStart, RuntimeRestart, FirmwareUpdate, PayloadPlacement, FileDelete, DirCreate,
        ArchiveExtract, PropertiesSet, CommandRun, ScriptRun, PackageInstall, Verify, SystemReboot {

    ActionHeader header();

    /** The same action with another header (id, description, condition, timeout, error policy). */
    Action withHeader(ActionHeader header);

    default String id() {
        return header().id();
    }

    default ActionType type() {
        return ActionType.of(this);
    }

    /** The payload files this action reads, by field, as names relative to {@code payload/}. */
    default List<FieldValue> payloadReferences() {
        return List.of();
    }

    /** The gateway paths this action reads or writes, by field, as written (relative to the runtime home). */
    default List<FieldValue> gatewayPaths() {
        return List.of();
    }

    /** One line for lists: what the action does with which files. */
    String summary();
}
