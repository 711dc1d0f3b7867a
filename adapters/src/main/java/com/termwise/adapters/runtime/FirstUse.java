package com.termwise.adapters.runtime;

import java.util.function.Supplier;

/** A value made on its first use and kept: an AWS client a function may never need in a run. */
final class FirstUse<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    private FirstUse(Supplier<T> make) {
        this.make = make;
    }

    static <T> FirstUse<T> of(Supplier<T> make) {
        return new FirstUse<>(make);
    }

    @Override
    public T get() {
        var made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) value = made = make.get();
            }
        }
        return made;
    }
}
