package com.termwise.domain.catalog;

/** A catalog that cannot be loaded; the message names the file, the line and the field. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }
}
