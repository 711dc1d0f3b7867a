package com.termwise.adapters.runtime;

import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.app.RenewalQueue;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The renewal queue, in the one artifact that carries the SQS client (renew). */
@Factory
@Requires(classes = SqsClient.class)
public class RenewalQueueBeans {

    /** The queue {@code RENEWAL_QUEUE_URL} names. */
    @Singleton
    @Requires(missingBeans = RenewalQueue.class)
    RenewalQueue renewalQueue(@Nullable @Property(name = "renewal.queue.url") String url) {
        return new SqsRenewalQueue(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                EnvironmentVariable.required(url, "RENEWAL_QUEUE_URL"));
    }
}
