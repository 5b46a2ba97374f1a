using Payments.Domain.Requests;

namespace Payments.Domain.Tests;

public sealed class ClientIdFormatTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("acme.eu")]
    [InlineData("client_a")]
    [InlineData("client-e2e")]
    [InlineData("Acme")]
    [InlineData("7")]
    public void Safe_client_id_is_accepted(string clientId)
    {
        Assert.True(ClientIdFormat.IsValid(clientId));
    }

    [Theory]
    [InlineData("acme/eu")]
    [InlineData("")]
    [InlineData(".acme")]
    [InlineData("-acme")]
    [InlineData("acme eu")]
    [InlineData("acme:eu")]
    [InlineData("acme,eu")]
    [InlineData("acmé")]
    [InlineData("acme\u200B")]
    [InlineData("acme\\eu")]
    public void Client_id_that_could_blur_a_scope_is_refused(string clientId)
    {
        Assert.False(ClientIdFormat.IsValid(clientId));
    }

    [Fact]
    public void Client_id_of_64_chars_is_accepted_and_65_refused()
    {
        Assert.True(ClientIdFormat.IsValid(new string('a', 64)));
        Assert.False(ClientIdFormat.IsValid(new string('a', 65)));
    }

    [Fact]
    public void Quoted_client_id_shows_hidden_characters_escaped()
    {
        Assert.Equal("'acme\\u200B'", ClientIdFormat.Quote("acme\u200B"));
    }
}
