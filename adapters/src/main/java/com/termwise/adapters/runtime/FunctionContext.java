package com.termwise.adapters.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * How a function's Micronaut context is built in Lambda (each handler's {@code newApplicationContextBuilder}): as
 * Micronaut's Lambda builder does, less its eager singletons, which {@code eagerInitSingletons(false)} cannot undo.
 * Every function's artifact knows all the use cases, so eager singletons would build a checkout in the renewal sweep
 * and read Stripe's signing secret in the cancel function. Here a bean is made when a handler asks for it: at init
 * for what the handler injects (so it is in a SnapStart snapshot), never for what it does not.
 *
 * <p>Each handler extends {@code MicronautRequestHandler} itself, with its event types written there: AWS's runtime
 * reads the event type from the handler's direct superclass, and a generic class between the two leaves it
 * {@code Object}, so every event would arrive as a map (LambdaRuntimeContractTest).
 */
public final class FunctionContext {

    private FunctionContext() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, "lambda").deduceCloudEnvironment(false).banner(false);
    }
}
