import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The baseline's SES v2 calls (dispatch), on a client built as the dispatch function builds its own. */
public final class BareSesv2 implements BareHandler.OtherClient {

    private final SesV2Client ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    public void call(String operation, int size, Object event) {
        if (!operation.equals("SendEmail")) throw new IllegalArgumentException("no baseline for sesv2." + operation);
        ses.sendEmail(b -> b.fromEmailAddress(System.getenv("MAIL_FROM")).destination(d -> d.toAddresses("baseline@example.test"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("baseline")).body(x -> x.text(t -> t.data("baseline"))))));
    }
}
