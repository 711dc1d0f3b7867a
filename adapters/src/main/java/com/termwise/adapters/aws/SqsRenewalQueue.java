package com.termwise.adapters.aws;

import com.termwise.app.RenewalQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RenewalQueue} on SQS: one message per due renewal, sent in batches of ten. The body is
 * {@code customerId subscriptionId} (ids carry no spaces): nothing personal travels on the queue.
 */
public final class SqsRenewalQueue implements RenewalQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRenewalQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }


    @Override
    public void send(List<DueRenewal> renewals) {
        for (int from = 0; from < renewals.size(); from += 10) {
            var entries = new ArrayList<SendMessageBatchRequestEntry>();
            var batch = renewals.subList(from, Math.min(from + 10, renewals.size()));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(batch.get(i))).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                // the sweep runs again tomorrow and the lease brings these back; say loudly that they waited
                throw new IllegalStateException(response.failed().size() + " renewals were not queued: " + response.failed().getFirst().message());
            }
        }
    }

    public static String body(DueRenewal renewal) {
        return renewal.customerId() + " " + renewal.subscriptionId();
    }

    public static DueRenewal parse(String body) {
        var parts = body.trim().split(" ");
        if (parts.length != 2) throw new IllegalArgumentException("not a renewal message");
        return new DueRenewal(parts[0], parts[1]);
    }
}
