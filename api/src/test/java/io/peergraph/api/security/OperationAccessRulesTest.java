package io.peergraph.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Deny by default, proven over the whole schema: every operation declares an {@code @access} rule, and a
 * generated matrix (every operation × anonymous and every single role) shows the rule is what the service
 * enforces. A new operation without a rule fails here.
 */
@ApiTest
class OperationAccessRulesTest {

    @Autowired GraphQlSource graphQlSource;
    @Autowired GraphQlHttp api;

    @Test
    void everyOperationDeclaresWhoMayCallIt() {
        List<String> missing = operations().filter(o -> o.field().getAppliedDirective(OperationAccess.DIRECTIVE) == null)
                .map(Operation::name).toList();
        assertThat(missing).as("operations without an @access rule").isEmpty();
    }

    @Test
    void theServiceEnforcesEachOperationsRuleForEveryKindOfCaller() {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("anonymous", null);
        for (Role role : Role.values()) {
            tokens.put(role.name(), api.newCustomer(role));
        }
        List<String> wrong = new ArrayList<>();
        operations().forEach(op -> {
            OperationAccess.Rule rule = OperationAccess.Rule.of(op.field());
            tokens.forEach((who, token) -> {
                String expected = rule.isPublic() ? "ALLOWED"
                        : token == null ? "UNAUTHENTICATED"
                        : rule.roles().isEmpty() || rule.roles().contains(who) ? "ALLOWED" : "FORBIDDEN";
                var response = api.post(token, op.document());
                String code = response.json().path("errors").isArray() && !response.json().path("errors").isEmpty()
                        ? response.errorCode() : "ALLOWED";
                String actual = code.equals("UNAUTHENTICATED") || code.equals("FORBIDDEN") ? code : "ALLOWED";
                if (code.equals("GRAPHQL_VALIDATION_FAILED") || !actual.equals(expected)) {
                    wrong.add(op.name() + " as " + who + ": expected " + expected + " but got " + code + " " + response.raw());
                }
            });
        });
        assertThat(wrong).isEmpty();
    }

    record Operation(String name, GraphQLFieldDefinition field, String document) {}

    private Stream<Operation> operations() {
        GraphQLSchema schema = graphQlSource.schema();
        return Stream.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())
                .filter(java.util.Objects::nonNull)
                .flatMap(type -> type.getFieldDefinitions().stream().map(f -> new Operation(type.getName() + "." + f.getName(), f,
                        (type == schema.getMutationType() ? "mutation " : type == schema.getSubscriptionType() ? "subscription " : "query ")
                                + "{ " + f.getName() + arguments(f.getArguments()) + selection(f.getType()) + " }")));
    }

    /** Literal values of the right type for the required arguments (enough to pass validation). */
    private static String arguments(List<GraphQLArgument> args) {
        String required = args.stream().filter(a -> GraphQLTypeUtil.isNonNull(a.getType()))
                .map(a -> a.getName() + ": " + literal(a.getType())).collect(Collectors.joining(", "));
        return required.isEmpty() ? "" : "(" + required + ")";
    }

    private static String literal(GraphQLInputType type) {
        GraphQLType t = GraphQLTypeUtil.unwrapNonNull(type);
        if (t instanceof GraphQLList list) {
            return "[" + literal((GraphQLInputType) list.getWrappedType()) + "]";
        }
        if (t instanceof GraphQLEnumType e) {
            return e.getValues().getFirst().getName();
        }
        if (t instanceof GraphQLInputObjectType input) {
            return "{" + input.getFieldDefinitions().stream().filter(f -> GraphQLTypeUtil.isNonNull(f.getType()))
                    .map(f -> f.getName() + ": " + literal(f.getType())).collect(Collectors.joining(", ")) + "}";
        }
        return switch (((GraphQLScalarType) t).getName()) {
            case "Int" -> "1";
            case "Float" -> "1.0";
            case "Boolean" -> "true";
            case "ID" -> "\"cfg_aaaaaaaaaaaaaaaaaaaa\"";
            case "DateTime" -> "\"2020-01-01T00:00:00Z\"";
            case "Date" -> "\"2020-01-01\"";
            default -> "\"x\"";
        };
    }

    private static String selection(GraphQLType type) {
        return GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLScalarType || GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLEnumType
                ? "" : " { __typename }";
    }
}
