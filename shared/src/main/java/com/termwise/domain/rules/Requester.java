package com.termwise.domain.rules;

import java.util.Optional;

/** Who asks for a decision: the customer, or an operator who must record why (online-courses 14.17, meal-plans 12(b)). */
public sealed interface Requester {
    Optional<String> reason();

    record Customer(Optional<String> reason) implements Requester {}

    record Operator(String operatorId, Optional<String> reason) implements Requester {}

    static Requester customer() {
        return new Customer(Optional.empty());
    }
}
