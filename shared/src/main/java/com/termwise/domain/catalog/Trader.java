package com.termwise.domain.catalog;

import com.termwise.domain.decision.Clause;

import java.util.Optional;

/**
 * Who the customer contracts with, as the terms name them: where a notice of cancellation is sent
 * (CCR 2013 Schedule 2(b)-(c); the model cancellation form of Schedule 3 is addressed to them).
 * A field the terms leave out stays empty, and the account page says so rather than inventing one.
 */
public record Trader(String name, Optional<String> address, Optional<String> email, Optional<String> phone, Clause clause) {}
