package org.suptools.portal.store;

/** A stored file that cannot be read or written, or a request the store refuses; the message is one line. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }
}
