import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.stream.IntStream;

/** The baseline's SQS calls (renew), on a client built as the renew function builds its own. */
public final class BareSqs implements BareHandler.OtherClient {

    private final SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    public void call(String operation, int size, Object event) {
        if (!operation.equals("SendMessageBatch")) throw new IllegalArgumentException("no baseline for sqs." + operation);
        sqs.sendMessageBatch(b -> b.queueUrl(System.getenv("BENCH_BASELINE_QUEUE_URL")).entries(IntStream.range(0, size)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("baseline " + i).build()).toList()));
    }
}
