using System.Runtime.Versioning;

namespace Velox.Host.Tests.Config;

[UnsupportedOSPlatform("windows")]
public class CredentialsFileTests
{
    private const string Secret = "file-SECRET-value";

    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void A_0600_file_satisfies_live_mode()
    {
        var path = WriteCredentials($$"""{ "bitfinex": { "apiKey": "k", "apiSecret": "{{Secret}}" } }""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var result = _files.Load($$"""{ "mode": "live", "credentials": { "file": "{{path}}" } }""");

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Credentials.TryGet("bitfinex", out var bitfinex), Is.True);
        Assert.That(bitfinex.ApiSecret, Is.EqualTo(Secret));
        Assert.That(bitfinex.Source, Is.EqualTo($"file {path}"));
    }

    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [TestCase(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [TestCase(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void A_file_others_can_access_is_refused_naming_the_path_not_the_content(UnixFileMode mode, string octal)
    {
        var path = WriteCredentials($$"""{ "bitfinex": { "apiKey": "k", "apiSecret": "{{Secret}}" } }""", mode);
        var result = _files.Load($$"""{ "credentials": { "file": "{{path}}" } }""");

        Assert.That(ConfigLoaderTests.Messages(result), Is.EqualTo(ConfigFixture.List(
            $"credentials.file: {path} has mode {octal}: group or others may access it; run chmod 600 {path}")));
        Assert.That(result.Credentials.All, Is.Empty);
    }

    [Test]
    public void Malformed_or_incomplete_files_are_errors_without_their_content()
    {
        var broken = WriteCredentials("{ \"bitfinex\": { \"apiKey\": " + Secret + " } }", UnixFileMode.UserRead | UnixFileMode.UserWrite, "broken.json");
        var incomplete = WriteCredentials($$"""{ "bitfinex": { "apiKey": "{{Secret}}" }, "ftx": {}, "okx": { "apiKey": "a", "apiSecret": "b", "pin": "{{Secret}}" } }""", UnixFileMode.UserRead | UnixFileMode.UserWrite, "incomplete.json");

        var brokenResult = _files.Load($$"""{ "credentials": { "file": "{{broken}}" } }""");
        var incompleteResult = _files.Load($$"""{ "credentials": { "file": "{{incomplete}}" } }""");

        // The reader takes the bare 'f' for the start of "false" and fails at the next byte, column 28.
        Assert.That(ConfigLoaderTests.Messages(brokenResult), Is.EqualTo(ConfigFixture.List($"credentials.file: {broken} is not valid JSON (line 1, column 28)")));
        Assert.That(ConfigLoaderTests.Messages(incompleteResult), Is.EqualTo(ConfigFixture.List(
            $"credentials.file: {incomplete}: bitfinex needs apiKey and apiSecret",
            $"credentials.file: {incomplete}: unknown venue \"ftx\"",
            $"credentials.file: {incomplete}: okx.pin is not a credential field (apiKey, apiSecret, apiPassphrase)",
            $"credentials.file: {incomplete}: okx needs apiKey and apiSecret and apiPassphrase")));
        Assert.That(string.Join("\n", brokenResult.Errors.Concat(incompleteResult.Errors)), Does.Not.Contain(Secret));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_files.Directory, "none.json");
        var result = _files.Load($$"""{ "credentials": { "file": "{{path}}" } }""");

        Assert.That(ConfigLoaderTests.Messages(result), Is.EqualTo(ConfigFixture.List($"credentials.file: {path} does not exist")));
    }

    private string WriteCredentials(string json, UnixFileMode mode, string name = "credentials.json")
    {
        var path = Path.Combine(_files.Directory, name);
        File.WriteAllText(path, json);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
