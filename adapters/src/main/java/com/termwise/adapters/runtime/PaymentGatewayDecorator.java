package com.termwise.adapters.runtime;

import com.termwise.app.PaymentGateway;

import java.util.function.UnaryOperator;

/** Wraps the gateway the use cases are given: how the local runner injects Stripe faults and crashes around a call. */
public interface PaymentGatewayDecorator extends UnaryOperator<PaymentGateway> {
}
