package org.suptools.model.action;

/**
 * One field of an action and its value, such as {@code source = fw.bin}: lets validators and the
 * installer treat payload references and gateway paths of every action type alike.
 */
public record FieldValue(String field, String value) {
}
