import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.util.stream.IntStream;

/** The baseline's EventBridge calls (dispatch), on a client built as the dispatch function builds its own. */
public final class BareEventbridge implements BareHandler.OtherClient {

    private final EventBridgeClient bus = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    public void call(String operation, int size, Object event) {
        if (!operation.equals("PutEvents")) throw new IllegalArgumentException("no baseline for eventbridge." + operation);
        bus.putEvents(b -> b.entries(IntStream.range(0, size).mapToObj(i -> PutEventsRequestEntry.builder()
                .eventBusName(System.getenv("EVENT_BUS_NAME")).source("termwise.baseline").detailType("Baseline").detail("{}").build()).toList()));
    }
}
