package com.termwise.domain.catalog;

import com.termwise.domain.decision.Clause;

import java.time.LocalDate;
import java.util.List;

/**
 * Which version of a business's terms a catalog file is: the day it came into force, and the clause that lets
 * the business amend its terms (online-courses 1.3, course-provider 3.4, meal-plans 1). Every order records the
 * version it was made under and is decided by it for its whole life: publishing a new version never rewrites an
 * existing contract. {@code earlier} names the versions still in force for older contracts, each kept beside the
 * current file as {@code catalogs/<id>@<inForceFrom>.yaml} (named, never scanned for).
 */
public record TermsVersion(LocalDate inForceFrom, Clause clause, List<LocalDate> earlier) {

    public TermsVersion {
        earlier = List.copyOf(earlier);
    }
}
