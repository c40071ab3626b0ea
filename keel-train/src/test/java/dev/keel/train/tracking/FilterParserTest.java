package dev.keel.train.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.core.error.KeelException;
import dev.keel.train.tracking.search.Comparison;
import dev.keel.train.tracking.search.Entity;
import dev.keel.train.tracking.search.FilterParser;
import dev.keel.train.tracking.search.OrderBy;
import dev.keel.train.tracking.search.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {
    @Test
    void parsesMlflowsSyntaxWithQuotedKeysAndLists() {
        List<Comparison> terms = FilterParser.parse("metrics.`val acc` >= 0.9 AND tags.\"mlflow.user\" != 'bob'"
                + " and params.lr IN ('0.1', '0.01') and start_time < 1e12");

        assertThat(terms).containsExactly(
                new Comparison(Entity.METRIC, "val acc", Operator.GREATER_OR_EQUAL, List.of(0.9)),
                new Comparison(Entity.TAG, "mlflow.user", Operator.NOT_EQUAL, List.of("bob")),
                new Comparison(Entity.PARAM, "lr", Operator.IN, List.of("0.1", "0.01")),
                new Comparison(Entity.ATTRIBUTE, "start_time", Operator.LESS, List.of(1e12)));
    }

    @Test
    void orIsRejectedNamingWhereItIs() {
        assertThatThrownBy(() -> FilterParser.parse("params.a = '1' or params.b = '2'"))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("'or' at character 16")
                .hasMessageContaining("expected: AND");
    }

    @Test
    void unterminatedStringIsReported() {
        assertThatThrownBy(() -> FilterParser.parse("params.a = 'open"))
                .isInstanceOf(KeelException.class)
                .hasMessageContaining("unterminated '");
    }

    @Test
    void orderByDefaultsToAscending() {
        assertThat(FilterParser.parseOrderBy("metrics.val_accuracy DESC")).isEqualTo(new OrderBy(Entity.METRIC, "val_accuracy", true));
        assertThat(FilterParser.parseOrderBy("attributes.start_time")).isEqualTo(new OrderBy(Entity.ATTRIBUTE, "start_time", false));
        assertThatThrownBy(() -> FilterParser.parseOrderBy("metrics.x sideways"))
                .hasMessageContaining("expected: ASC or DESC");
    }
}
