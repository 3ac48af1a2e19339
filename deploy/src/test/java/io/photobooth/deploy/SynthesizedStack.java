package io.photobooth.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack synthesized offline (fixed account and region, unless a test names none) from a catalogue file, and queries that
 * read its template: resources by type, and policy resources rendered as readable names
 * ({@code queue:prod-demo-sketch}, {@code bucket/uploads/prod/demo/*}) so that a test can say which
 * queues and objects a role may touch.
 */
final class SynthesizedStack {

    static final DeploySettings SETTINGS = new DeploySettings("prod", Path.of("unused"),
            List.of("https://photos.example.com"), "ami-0123456789abcdef0",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:photobooth-prod-AbCdEf", 1, 7);

    final Template template;

    private SynthesizedStack(Template template) {
        this.template = template;
    }

    static SynthesizedStack of(Path catalogue) {
        return of(catalogue, Environment.builder().account("123456789012").region("eu-west-1").build());
    }

    /**
     * The stack synthesized in this environment; an {@link Environment} without account and region
     * gives an environment-agnostic stack, as {@code cdk synth} does where the CLI knows no region.
     */
    static SynthesizedStack of(Path catalogue, Environment environment) {
        App app = new App();
        PhotoboothStack stack = new PhotoboothStack(app, PhotoboothStack.idOf(SETTINGS.env()), StackProps.builder()
                .env(environment)
                .build(), CatalogueFile.read(catalogue, SETTINGS.env()), SETTINGS);
        return new SynthesizedStack(Template.fromStack(stack));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The queues' logical ids by queue name. */
    Map<String, String> queueIdsByName() {
        return resources("AWS::SQS::Queue").entrySet().stream().collect(Collectors.toMap(
                queue -> (String) properties(queue.getValue()).get("QueueName"), Map.Entry::getKey));
    }

    /** The statements of the IAM policies attached to the role with this logical id. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statementsOfRole(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().forEach(policy -> {
            List<Object> roles = (List<Object>) properties(policy).get("Roles");
            if (roles.contains(Map.of("Ref", roleId))) {
                Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
                statements.addAll((List<Map<String, Object>>) document.get("Statement"));
            }
        });
        return statements;
    }

    /** The logical id of the role whose instance profile the launch template tagged with this group uses. */
    @SuppressWarnings("unchecked")
    String generatorRoleId(String group) {
        Map<String, Object> data = launchTemplateData(group);
        Map<String, Object> profileArn = (Map<String, Object>) ((Map<String, Object>) data.get("IamInstanceProfile"))
                .get("Arn");
        String profileId = (String) ((List<Object>) profileArn.get("Fn::GetAtt")).getFirst();
        List<Object> roles = (List<Object>) properties(resources("AWS::IAM::InstanceProfile").get(profileId))
                .get("Roles");
        return (String) ((Map<String, Object>) roles.getFirst()).get("Ref");
    }

    /** The LaunchTemplateData of the launch template whose instances carry this group's tag. */
    @SuppressWarnings("unchecked")
    Map<String, Object> launchTemplateData(String group) {
        return resources("AWS::EC2::LaunchTemplate").values().stream()
                .map(template -> (Map<String, Object>) properties(template).get("LaunchTemplateData"))
                .filter(data -> instanceTags(data).get(GeneratorTags.GROUP).equals(group))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no launch template tags its instances with group " + group));
    }

    /** The user data of the group's launch template, its references rendered as {@code ${logicalId}}. */
    @SuppressWarnings("unchecked")
    String userData(String group) {
        Map<String, Object> base64 = (Map<String, Object>) launchTemplateData(group).get("UserData");
        return render(base64.get("Fn::Base64"), Map.of());
    }

    /** The tags a launch template gives the instances launched from it. */
    @SuppressWarnings("unchecked")
    static Map<String, String> instanceTags(Map<String, Object> launchTemplateData) {
        List<Map<String, Object>> specifications = (List<Map<String, Object>>) launchTemplateData
                .getOrDefault("TagSpecifications", List.of());
        return specifications.stream()
                .filter(specification -> "instance".equals(specification.get("ResourceType")))
                .flatMap(specification -> ((List<Map<String, String>>) specification.get("Tags")).stream())
                .collect(Collectors.toMap(tag -> tag.get("Key"), tag -> tag.get("Value")));
    }

    /** The statement's actions, whether one or a list. */
    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? (List<String>) list : List.of((String) actions);
    }

    /** The statement's resources rendered readable: queue names, "bucket/…" for the stack's bucket. */
    @SuppressWarnings("unchecked")
    List<String> resourcesOf(Map<String, Object> statement) {
        Object resources = statement.get("Resource");
        List<Object> list = resources instanceof List<?> many ? (List<Object>) many : List.of(resources);
        Map<String, String> queueNames = queueIdsByName().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return list.stream().map(resource -> render(resource, queueNames)).toList();
    }

    @SuppressWarnings("unchecked")
    private String render(Object value, Map<String, String> queueNames) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> function = (Map<String, Object>) value;
        if (function.containsKey("Fn::GetAtt")) {
            String id = (String) ((List<Object>) function.get("Fn::GetAtt")).getFirst();
            if (queueNames.containsKey(id)) {
                return "queue:" + queueNames.get(id);
            }
            return resources("AWS::S3::Bucket").containsKey(id) ? "bucket" : "arn-of:" + id;
        }
        if (function.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) function.get("Fn::Join");
            return ((List<Object>) join.get(1)).stream().map(part -> render(part, queueNames))
                    .collect(Collectors.joining((String) join.getFirst()));
        }
        if (function.containsKey("Ref")) {
            return "${" + function.get("Ref") + "}";
        }
        throw new AssertionError("unexpected resource expression " + value);
    }
}
