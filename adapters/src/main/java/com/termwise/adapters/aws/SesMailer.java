package com.termwise.adapters.aws;

import com.termwise.app.OutboxRecord;
import com.termwise.app.OutboxRelay;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/**
 * Mail through SES v2, in plain text and HTML, under a configuration set (bounces, complaints and
 * delivery events are tracked there). Each message is tagged with its template so SES's metrics
 * show which kinds of mail bounce.
 */
public final class SesMailer implements OutboxRelay.Mailer {

    private final SesV2Client ses;
    private final String from;
    private final String configurationSet;

    public SesMailer(SesV2Client ses, String from, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }


    @Override
    public void send(OutboxRecord mail) {
        var to = mail.to().orElseThrow(() -> new IllegalArgumentException("mail " + mail.id() + " has no recipient"));
        var body = Body.builder().text(utf8(mail.body()));
        mail.html().ifPresent(html -> body.html(utf8(html)));
        ses.sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(to)).configurationSetName(configurationSet)
                .emailTags(MessageTag.builder().name("template").value(mail.template()).build())
                .content(EmailContent.builder().simple(Message.builder().subject(utf8(mail.subject())).body(body.build()).build()).build()));
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset("UTF-8").build();
    }
}
