using Velox.Host.Config;

namespace Velox.Host.Tests.Config;

public class SecretTests
{
    private const string Token = "tok-SECRET-0123456789";
    private const string ShortToken = "tok-S3CR3T";
    private const string ApiKey = "key-SECRET-abcdef";
    private const string ApiSecret = "sec-SECRET-fedcba";

    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void The_kill_token_is_hidden_in_show_and_ToString()
    {
        var result = _files.Load($$"""{ "admin": { "killToken": "{{Token}}" } }""");

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Admin.KillToken, Is.EqualTo(Token), "the program itself gets the value");
        var shown = ConfigJson.Write(result.Config, indented: true);
        Assert.That(shown, Does.Contain("\"killToken\": \"***\""));
        Assert.That(shown, Does.Not.Contain(Token));
        Assert.That(result.Config.ToString(), Does.Not.Contain(Token).And.Contain("***"));
        Assert.That(result.Config.Admin.ToString(), Does.Not.Contain(Token).And.Contain("***"));
        Assert.That(string.Join("\n", result.Overrides), Does.Not.Contain(Token).And.Contain("admin.killToken = \"***\""));
    }

    [Test]
    public void Errors_about_a_secret_name_the_field_never_the_value()
    {
        var fromFile = _files.Load($$"""{ "admin": { "killToken": "{{ShortToken}}" } }""");
        var fromEnv = VeloxConfigLoader.Load(null, ConfigFixture.Env(("VELOX_ADMIN__KILL_TOKEN", ShortToken)), 4);
        var wrongType = _files.Load("""{ "admin": { "killToken": 987654321 } }""");

        Assert.That(ConfigLoaderTests.Paths(fromFile), Is.EqualTo(ConfigFixture.List("admin.killToken")));
        Assert.That(ConfigLoaderTests.Paths(fromEnv), Is.EqualTo(ConfigFixture.List("admin.killToken")));
        Assert.That(ConfigLoaderTests.Messages(wrongType), Is.EqualTo(ConfigFixture.List("$.admin.killToken: expected a string, got number (value hidden)")));
        foreach (var text in ConfigLoaderTests.Messages(fromFile).Concat(ConfigLoaderTests.Messages(fromEnv)).Concat(ConfigLoaderTests.Messages(wrongType)))
        {
            Assert.That(text, Does.Not.Contain(ShortToken).And.Not.Contain("987654321"));
        }
    }

    [Test]
    public void Credentials_are_hidden_everywhere_they_could_be_printed()
    {
        var environment = ConfigFixture.Env(
            ("VELOX_BITFINEX_API_KEY", ApiKey), ("VELOX_BITFINEX_API_SECRET", ApiSecret), ("VELOX_ADMIN__KILL_TOKEN", Token));
        var result = _files.Load("""{ "mode": "live" }""", environment);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var check = ConfigCommand.Run(["check", "--config", Path.Combine(_files.Directory, "velox.json")], environment, 4, output, error);
        var show = ConfigCommand.Run(["show", "--config", Path.Combine(_files.Directory, "velox.json")], environment, 4, output, error);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That((check, show), Is.EqualTo((0, 0)), error.ToString());
        Assert.That(result.Credentials.TryGet("bitfinex", out var bitfinex), Is.True);
        Assert.That(bitfinex.ApiSecret, Is.EqualTo(ApiSecret));
        var printed = string.Join("\n", output, error, result.Credentials, bitfinex, result.Config, string.Join("\n", result.Overrides));
        Assert.That(printed, Does.Contain("credentials bitfinex: apiKey ***, apiSecret *** (env)"));
        Assert.That(printed, Does.Not.Contain("SECRET"));
    }
}
