package com.termwise.adapters.aws;

import com.termwise.app.OutboxRecord;
import com.termwise.app.OutboxRelay;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Domain events onto the Termwise bus ({@code source: termwise}, the detail type is the event's
 * name: {@code DeliveryDispatched} for the courier, {@code SubscriptionRenewed}, ...). A rejected
 * entry is an error, so the outbox record stays due and is sent again.
 */
public final class EventBridgePublisher implements OutboxRelay.EventPublisher {

    public static final String SOURCE = "termwise";

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }


    @Override
    public void publish(OutboxRecord event) {
        var response = events.putEvents(b -> b.entries(e -> e.eventBusName(busName).source(SOURCE).detailType(event.subject())
                .detail(event.body()).resources(java.util.List.of())));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            throw new IllegalStateException("EventBridge rejected " + event.id() + ": " + entry.errorCode() + " " + entry.errorMessage());
        }
    }
}
