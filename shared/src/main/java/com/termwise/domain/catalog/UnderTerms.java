package com.termwise.domain.catalog;

import java.time.LocalDate;

/** A contract made under one version of a catalog's terms ({@link TermsVersion}), which decides it for its whole life. */
public interface UnderTerms {

    String catalogId();

    /** The {@link TermsVersion#inForceFrom()} of the version accepted at checkout. */
    LocalDate termsVersion();
}
