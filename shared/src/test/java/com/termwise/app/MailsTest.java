package com.termwise.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.*;

class MailsTest {

    @Test
    void an_event_detail_with_text_a_customer_typed_is_valid_json_that_reads_back_the_same() throws Exception {
        var line = "Flat 2\t\"The Old Mill\"\nRiver Lane \\ back door \u0001";
        var detail = Mails.json("subscriptionId", "sub_1", "line1", line);
        var read = new LinkedHashMap<String, String>();
        try (var p = new JsonFactory().createParser(detail)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var name = p.currentName();
                p.nextToken();
                read.put(name, p.getText());
            }
            assertNull(p.nextToken(), "one JSON object, nothing after it");
        }
        assertEquals(line, read.get("line1"));
        assertEquals("sub_1", read.get("subscriptionId"));
    }
}
