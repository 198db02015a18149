package io.provisio.scim.control;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Three users and filters with the ids each must select, shared by the in-memory evaluator test and
 * the SQL test so that both implementations are held to the same semantics.
 */
public final class SampleUsers {

  public static final List<JsonObject> USERS =
      List.of(
          Json.object(
              "{'id':'u1','userName':'bjensen','name':{'familyName':'Jensen'},"
                  + "'title':'Tour Guide','userType':'Employee','active':true,"
                  + "'meta':{'lastModified':'2011-05-13T04:42:34Z'},"
                  + "'emails':[{'type':'work','value':'bjensen@example.com','primary':true},"
                  + "{'type':'home','value':'babs@jensen.org'}],"
                  + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                  + "{'department':'Sales','manager':{'value':'m1'}}}"),
          Json.object(
              "{'id':'u2','userName':'jsmith','name':{'familyName':'O\\'Malley'},"
                  + "'userType':'Intern','active':false,"
                  + "'meta':{'lastModified':'2012-01-01T00:00:00Z'},"
                  + "'emails':[{'type':'work','value':'js@example.org'},"
                  + "{'value':'js2@example.net'}],"
                  + "'ims':[{'type':'xmpp','value':'js@foo.com'}]}"),
          Json.object("{'id':'u3','userName':'50%_off\\\\x','title':''}"));

  private SampleUsers() {}

  public static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("userName eq \"BJENSEN\"", List.of("u1")),
        Arguments.of("userName Eq \"john\"", List.of()),
        Arguments.of("name.familyName co \"o'malley\"", List.of("u2")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName sw \"J\"", List.of("u1")),
        Arguments.of("title pr", List.of("u1")),
        Arguments.of("title eq null", List.of("u2", "u3")),
        Arguments.of("title ne null", List.of("u1")),
        Arguments.of("userType ne \"Employee\"", List.of("u2", "u3")),
        Arguments.of("not (userType eq \"Employee\")", List.of("u2", "u3")),
        Arguments.of("title pr and userType eq \"Employee\"", List.of("u1")),
        Arguments.of("title pr or userType eq \"Intern\"", List.of("u1", "u2")),
        Arguments.of("emails co \"example.com\"", List.of("u1")),
        Arguments.of("emails.value co \"EXAMPLE\"", List.of("u1", "u2")),
        Arguments.of(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            List.of("u1")),
        Arguments.of(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value"
                + " co \"example.org\")",
            List.of("u3")),
        Arguments.of("userType eq \"Employee\" and (emails.type eq \"work\")", List.of("u1")),
        Arguments.of(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq"
                + " \"xmpp\" and value co \"@foo.com\"]",
            List.of("u1", "u2")),
        Arguments.of("emails[type eq \"home\" and primary eq true]", List.of()),
        Arguments.of("emails[type eq \"work\" and primary eq true]", List.of("u1")),
        Arguments.of("emails[type eq \"home\"].value ew \"JENSEN.ORG\"", List.of("u1")),
        Arguments.of("emails[type eq \"home\"].value ew \"example.com\"", List.of()),
        Arguments.of("emails.type eq \"home\" and emails.value ew \"example.com\"", List.of("u1")),
        Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"", List.of("u2")),
        Arguments.of("meta.lastModified ge \"2011-05-13T04:42:34Z\"", List.of("u1", "u2")),
        Arguments.of("meta.lastModified lt \"2011-05-13T06:42:34+02:00\"", List.of()),
        Arguments.of("meta.lastModified le \"2011-05-13T06:42:34+02:00\"", List.of("u1")),
        Arguments.of("userName co \"%\"", List.of("u3")),
        Arguments.of("userName co \"_\"", List.of("u3")),
        Arguments.of("userName sw \"50%_\"", List.of("u3")),
        Arguments.of("userName ew \"\\\\x\"", List.of("u3")),
        Arguments.of("userName gt \"j\"", List.of("u2")),
        Arguments.of("active eq false", List.of("u2")),
        Arguments.of("active ne true", List.of("u2", "u3")),
        Arguments.of("active eq \"TRUE\"", List.of("u1")),
        Arguments.of("department eq \"sales\"", List.of("u1")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"
                + " eq \"m1\"",
            List.of("u1")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr", List.of("u1")),
        Arguments.of("not (emails pr)", List.of("u3")),
        Arguments.of("emails.type pr", List.of("u1", "u2")),
        Arguments.of("emails.type eq null", List.of("u3")),
        Arguments.of("emails.type ne \"work\"", List.of("u1", "u2")),
        Arguments.of("emails[type ne \"work\"]", List.of("u1", "u2")),
        Arguments.of("emails[not (type eq \"work\")]", List.of("u1", "u2")),
        Arguments.of("emails.primary ne true", List.of("u1", "u2")),
        Arguments.of("ims pr and not (ims[type eq \"aim\"])", List.of("u2")),
        Arguments.of("id eq \"U1\"", List.of()),
        Arguments.of("id eq \"u1\" or id eq \"u3\"", List.of("u1", "u3")));
  }
}
