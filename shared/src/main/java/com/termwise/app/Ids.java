package com.termwise.app;

import java.security.SecureRandom;

/** New identifiers: a type prefix and 20 random base-32 characters ({@code ord_k3...}), unguessable and URL-safe. */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    /** Made on first use, never in a Lambda's init: nothing random goes into a SnapStart snapshot to be shared by its restores. */
    private SecureRandom random;

    public synchronized String next(String prefix) {
        if (random == null) random = new SecureRandom();
        var sb = new StringBuilder(prefix.length() + 21).append(prefix).append('_');
        for (int i = 0; i < 20; i++) sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return sb.toString();
    }
}
