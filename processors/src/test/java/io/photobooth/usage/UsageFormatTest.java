package io.photobooth.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageFormatTest {

    @ParameterizedTest(name = "Accept: {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE                                  | JSON",
        "''                                    | JSON",
        "*/*                                   | JSON",
        "application/json                      | JSON",
        "text/csv                              | CSV",
        "TEXT/CSV                              | CSV",
        "text/csv;charset=utf-8                | CSV",
        "text/*                                | CSV",
        "text/csv, application/json            | JSON",
        "text/csv, application/json;q=0.5      | CSV",
        "application/json;q=0.9, text/csv      | CSV",
        "text/csv;q=0.5, */*                   | JSON",
        "text/csv, */*;q=0.1                   | CSV",
        "text/csv;q=0, */*                     | JSON",
        "text/csv;q=oops                       | CSV",
    })
    void shouldPreferCsvOnlyWhenTheHeaderDoes(String accept, UsageFormat expected) {
        assertThat(UsageFormat.accepted(accept)).isEqualTo(expected);
    }
}
