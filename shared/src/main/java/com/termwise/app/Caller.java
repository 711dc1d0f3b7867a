package com.termwise.app;

import java.util.Set;

/** Who is asking, from the verified JWT (docs/api.md): {@code sub} is the customer id; groups {@code admin} or {@code service}. */
public record Caller(String customerId, String email, Set<String> groups) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    public boolean isAdmin() {
        return groups.contains("admin");
    }

    public boolean isService() {
        return groups.contains("service");
    }
}
