package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimJsonReaderTest {

  static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static void assertInvalid(Runnable read, String detail) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
              assertThat(e.detail())
                  .contains(detail)
                  .doesNotContain("Exception")
                  .doesNotContain("parsson")
                  .doesNotContain("org.");
            });
  }

  @Test
  void readsObjects() {
    JsonObject json =
        ScimJsonReader.read(
            bytes(
                "{\"userName\":\"b\u00e9\",\"n\":12345678901234567890,\"d\":1.50,"
                    + "\"a\":[true,null,{}],\"o\":{\"x\":[[]]}}"));
    assertThat(json.getString("userName")).isEqualTo("b\u00e9");
    assertThat(json.getJsonNumber("n").bigIntegerValue().toString())
        .isEqualTo("12345678901234567890");
    assertThat(json.getJsonNumber("d").toString()).isEqualTo("1.50");
    assertThat(json.getJsonArray("a")).hasSize(3);
    assertThat(json.getJsonObject("o").getJsonArray("x").getJsonArray(0)).isEmpty();
    assertThat(ScimJsonReader.read("{}")).isEmpty();
    assertThat(ScimJsonReader.read(" \n{\"a\":1}\n ")).containsKey("a");
  }

  @Test
  void skipsAByteOrderMark() {
    byte[] body = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(ScimJsonReader.read(new ByteArrayInputStream(body))).containsKey("a");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":}|The request body is not valid JSON: unexpected input at line 1, column",
        "{\"a\" 1}|not valid JSON",
        "{\"a\":1|not valid JSON",
        "{\"a\":tru}|not valid JSON",
        "[1,2]|The request body must be a JSON object",
        "\"text\"|The request body must be a JSON object",
        "null|The request body must be a JSON object",
        "42|The request body must be a JSON object",
        "{} {}|not valid JSON",
        "{}x|not valid JSON",
        "'{'a':1}'|not valid JSON"
      })
  void rejectsMalformedBodies(String body, String detail) {
    assertInvalid(() -> ScimJsonReader.read(body), detail);
    assertInvalid(() -> ScimJsonReader.read(bytes(body)), detail);
  }

  @Test
  void rejectsEmptyBodies() {
    assertInvalid(() -> ScimJsonReader.read(""), "empty");
    assertInvalid(() -> ScimJsonReader.read("   "), "empty");
    assertInvalid(() -> ScimJsonReader.read(bytes("")), "empty");
    assertInvalid(() -> ScimJsonReader.read((String) null), "empty");
    assertInvalid(() -> ScimJsonReader.read((InputStream) null), "empty");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
    assertInvalid(
        () -> ScimJsonReader.read(new ByteArrayInputStream(body)),
        "The request body is not valid UTF-8");
    byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16);
    assertInvalid(() -> ScimJsonReader.read(new ByteArrayInputStream(utf16)), "");
  }

  @Test
  void reportsUnreadableStreams() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertInvalid(() -> ScimJsonReader.read(broken), "could not be read");
  }

  @Test
  void boundsTheDepth() {
    String allowed = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
    assertThat(ScimJsonReader.read(allowed)).containsKey("a");
    String tooDeep = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
    assertInvalid(
        () -> ScimJsonReader.read(tooDeep), "The request body nests deeper than 64 levels");
    assertInvalid(() -> ScimJsonReader.read("{\"a\":" + "[".repeat(100_000)), "64 levels");
  }

  @Test
  void boundsTheNumberOfValues() {
    ScimJsonReader small = new ScimJsonReader(64, 5);
    assertThat(small.readObject("{\"a\":1,\"b\":[2,3]}")).hasSize(2);
    assertInvalid(
        () -> small.readObject("{\"a\":1,\"b\":[2,3,4]}"),
        "The request body has more than 5 values");
    String big = "{\"a\":[" + "1,".repeat(100_000) + "1]}";
    assertInvalid(() -> ScimJsonReader.read(big), "more than 100000 values");
  }

  @Test
  void survivesRandomBytes() {
    Random random = new Random(11);
    String alphabet = "{}[]\":,0123456789-.eEtrufalsn \\u\u00e9x";
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 20_000; i++) {
            byte[] body;
            if (i % 2 == 0) {
              body = new byte[random.nextInt(40)];
              random.nextBytes(body);
            } else {
              StringBuilder text = new StringBuilder("{");
              int length = random.nextInt(40);
              for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
              }
              body = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            try {
              ScimJsonReader.read(new ByteArrayInputStream(body));
            } catch (ScimException e) {
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
              assertThat(e.detail()).doesNotContain("Exception").doesNotContain("org.");
            }
          }
        });
  }
}
