package com.termwise.adapters.runtime;

import com.termwise.adapters.aws.EventBridgePublisher;
import com.termwise.app.OutboxRelay;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The event bus, in the one artifact that carries the EventBridge client (dispatch). */
@Factory
@Requires(classes = EventBridgeClient.class)
public class EventBusBeans {

    /** The bus {@code EVENT_BUS_NAME} names; its client is built on the first event. */
    @Singleton
    @Requires(missingBeans = OutboxRelay.EventPublisher.class)
    OutboxRelay.EventPublisher events(@Nullable @Property(name = "event.bus.name") String busName) {
        var bus = EnvironmentVariable.required(busName, "EVENT_BUS_NAME");
        var publisher = FirstUse.of(() -> new EventBridgePublisher(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), bus));
        return event -> publisher.get().publish(event);
    }
}
