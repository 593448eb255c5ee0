package io.peergraph.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code DateTime} (ISO-8601 with offset) and {@code Date} (ISO-8601 calendar date) scalars. */
@Configuration(proxyBeanMethods = false)
public class ScalarConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring
                .scalar(scalar("DateTime", "An ISO-8601 date-time with offset, e.g. 2020-05-25T14:03:00Z.", OffsetDateTime::parse, value ->
                        value instanceof ZonedDateTime z ? z.toOffsetDateTime().toString()
                                : value instanceof OffsetDateTime o ? o.toString() : null))
                .scalar(scalar("Date", "An ISO-8601 calendar date, e.g. 2020-05-25.", LocalDate::parse,
                        value -> value instanceof LocalDate d ? d.toString() : null));
    }

    private static <T> GraphQLScalarType scalar(String name, String description, Function<String, T> parse, Function<Object, String> format) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(new Coercing<T, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                String out = format.apply(value);
                if (out == null) {
                    throw new CoercingSerializeException("Not a " + name + ": " + value);
                }
                return out;
            }

            @Override
            public T parseValue(Object input, GraphQLContext context, Locale locale) {
                return parseString(input instanceof String s ? s : null, CoercingParseValueException::new);
            }

            @Override
            public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                return parseString(input instanceof StringValue s ? s.getValue() : null, CoercingParseLiteralException::new);
            }

            private <E extends RuntimeException> T parseString(String s, Function<String, E> error) {
                if (s == null || s.length() > 64) {
                    throw error.apply("Expected a " + name + " string, e.g. " + (name.equals("Date") ? "2020-05-25" : "2020-05-25T14:03:00Z"));
                }
                try {
                    return parse.apply(s);
                } catch (DateTimeParseException e) {
                    throw error.apply("Not a valid " + name + ": " + s);
                }
            }
        }).build();
    }
}
