package com.termwise.adapters.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.ApplicationContext;

/**
 * The Lambda invocation a handler is in: {@code MicronautRequestHandler} registers Lambda's {@link Context} in the
 * function's context before each call to {@code execute}. Outside Lambda (the local runner, the tests) there is none.
 */
public final class Invocation {

    private Invocation() {
    }

    public static Context current(ApplicationContext context) {
        return context.findBean(Context.class).orElse(null);
    }
}
