package com.termwise.emulators;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The table as {@code template.yaml} declares it (keys, attribute types, GSIs, TTL attribute), read
 * from the template itself so DynamoDB Local and AWS cannot drift apart. The YAML is composed, not
 * constructed: CloudFormation's {@code !Ref}-style tags stay inert.
 */
public record TableDefinition(List<AttributeDefinition> attributes, List<KeySchemaElement> keys,
                              List<GlobalSecondaryIndex> indexes, Optional<String> ttlAttribute) {

    public static TableDefinition fromTemplate(InputStream template, String logicalId) {
        var settings = LoadSettings.builder().setLabel("template.yaml").build();
        var root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings,
                new InputStreamReader(template, StandardCharsets.UTF_8)))).getSingleNode().orElseThrow();
        var props = at(at(at(root, "Resources"), logicalId), "Properties");
        var attributes = items(at(props, "AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                .attributeName(text(at(a, "AttributeName"))).attributeType(text(at(a, "AttributeType"))).build()).toList();
        var indexes = find(props, "GlobalSecondaryIndexes").map(TableDefinition::items).orElse(List.of()).stream()
                .map(g -> GlobalSecondaryIndex.builder().indexName(text(at(g, "IndexName"))).keySchema(keys(at(g, "KeySchema")))
                        .projection(Projection.builder().projectionType(text(at(at(g, "Projection"), "ProjectionType"))).build()).build())
                .toList();
        var ttl = find(props, "TimeToLiveSpecification").map(t -> text(at(t, "AttributeName")));
        return new TableDefinition(attributes, keys(at(props, "KeySchema")), indexes, ttl);
    }

    /** Creates the table (on-demand, as the template says) unless it exists, and switches on TTL. */
    public void create(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(b -> b.tableName(table).attributeDefinitions(attributes).keySchema(keys)
                    .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes).billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException exists) {
            return;
        }
        ttlAttribute.ifPresent(attribute -> dynamo.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true))));
    }

    private static List<KeySchemaElement> keys(Node schema) {
        return items(schema).stream().map(k -> KeySchemaElement.builder()
                .attributeName(text(at(k, "AttributeName"))).keyType(text(at(k, "KeyType"))).build()).toList();
    }

    private static Node at(Node node, String key) {
        return find(node, key).orElseThrow(() -> new IllegalArgumentException("template.yaml:" + (node.getStartMark().map(m -> m.getLine() + 1).orElse(0))
                + ": missing '" + key + "'"));
    }

    private static Optional<Node> find(Node node, String key) {
        if (!(node instanceof MappingNode map)) return Optional.empty();
        return map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(t -> t.getValueNode()).findFirst();
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    private static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }
}
