package org.suptools.workbench.viewmodel;

/** One action of an apply as it goes: 1-based index, id, type, status and the installer's message. */
public record ApplyRow(int index, String id, String type, String status, String message) {

    ApplyRow withStatus(String newStatus, String newMessage) {
        return new ApplyRow(index, id, type, newStatus, newMessage == null || newMessage.isEmpty() ? message : newMessage);
    }
}
