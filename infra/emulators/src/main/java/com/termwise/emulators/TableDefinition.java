package com.termwise.emulators;

import static com.termwise.emulators.TemplateYaml.at;
import static com.termwise.emulators.TemplateYaml.find;
import static com.termwise.emulators.TemplateYaml.items;
import static com.termwise.emulators.TemplateYaml.text;

import org.snakeyaml.engine.v2.nodes.Node;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

import java.io.InputStream;
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
        var root = TemplateYaml.parse(template);
        var props = at(at(at(root, "Resources"), logicalId), "Properties");
        var attributes = items(at(props, "AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                .attributeName(text(at(a, "AttributeName"))).attributeType(text(at(a, "AttributeType"))).build()).toList();
        var indexes = find(props, "GlobalSecondaryIndexes").map(TemplateYaml::items).orElse(List.of()).stream()
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
}
