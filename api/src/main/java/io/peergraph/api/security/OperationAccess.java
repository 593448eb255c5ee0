package io.peergraph.api.security;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micrometer.context.ContextSnapshot;
import io.peergraph.api.graphql.ApiException;
import java.util.List;
import java.util.Set;
import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Deny by default: every query, mutation and subscription must carry an {@code @access} rule in the schema,
 * and the rule is checked before the operation runs. An operation without a rule is refused, and
 * {@code OperationAccessRulesTest} fails the build when one appears. Ownership and privacy are checked by the
 * operations themselves.
 */
@Component
public class OperationAccess extends SimplePerformantInstrumentation {

    static final String DIRECTIVE = "access";

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var env = parameters.getEnvironment();
        if (!(env.getParentType() instanceof GraphQLObjectType parent) || !isRoot(env.getGraphQLSchema(), parent)
                || env.getFieldDefinition().getName().startsWith("__")) {
            // __typename is harmless; __schema and __type are governed by spring.graphql.schema.introspection.enabled.
            return dataFetcher;
        }
        Rule rule = Rule.of(env.getFieldDefinition());
        return fetchEnv -> {
            // Over WebSocket the operation runs on a reactive thread: the connection's authentication travels in
            // the GraphQL context (saved from the Reactor context) and is restored here for the check.
            try (ContextSnapshot.Scope scope = ContextPropagationHelper.captureFrom(fetchEnv.getGraphQlContext()).setThreadLocals()) {
                rule.check(SecurityContextHolder.getContext().getAuthentication());
            }
            return dataFetcher.get(fetchEnv);
        };
    }

    static boolean isRoot(GraphQLSchema schema, GraphQLObjectType type) {
        return type == schema.getQueryType() || type == schema.getMutationType() || type == schema.getSubscriptionType();
    }

    /** The {@code @access} rule of one operation; none at all refuses everyone. */
    record Rule(boolean present, boolean isPublic, Set<String> roles) {

        static Rule of(GraphQLFieldDefinition field) {
            GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
            if (directive == null) {
                return new Rule(false, false, Set.of());
            }
            Object isPublic = argument(directive, "public");
            Object roles = argument(directive, "roles");
            return new Rule(true, Boolean.TRUE.equals(isPublic),
                    roles instanceof List<?> list ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()) : Set.of());
        }

        private static Object argument(GraphQLAppliedDirective directive, String name) {
            var argument = directive.getArgument(name);
            return argument == null ? null : argument.getValue();
        }

        void check(Authentication auth) {
            if (!present) {
                throw new ApiException.Forbidden("This operation has no access rule, so nobody may call it.");
            }
            if (isPublic) {
                return;
            }
            if (!(auth instanceof JwtAuthenticationToken)) {
                throw new ApiException.Unauthenticated();
            }
            if (!roles.isEmpty() && auth.getAuthorities().stream().noneMatch(a -> roles.contains(a.getAuthority().replaceFirst("^ROLE_", "")))) {
                throw new ApiException.Forbidden("This needs one of the roles " + roles.stream().sorted().toList() + ".");
            }
        }
    }
}
