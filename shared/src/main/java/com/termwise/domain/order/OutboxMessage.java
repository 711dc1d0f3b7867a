package com.termwise.domain.order;

import com.termwise.domain.decision.Clause;

/** A mail or event a state change causes, written with it (docs/design.md: same transaction), sent later by dispatch. */
public record OutboxMessage(String template, String customerId, String subjectId, Clause clause) {}
