package org.suptools.portal.store;

/** A change the portal refuses in its present state (a thing or file an unfinished campaign needs). */
public final class RefusedException extends StoreException {

    public RefusedException(String message) {
        super(message);
    }
}
