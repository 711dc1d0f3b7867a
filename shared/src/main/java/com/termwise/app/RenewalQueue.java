package com.termwise.app;

import java.util.List;

/** The port to the renewal queue (SQS): one message per due renewal, sent by the sweep, charged by the worker. */
public interface RenewalQueue {

    record DueRenewal(String customerId, String subscriptionId) {}

    void send(List<DueRenewal> renewals);
}
