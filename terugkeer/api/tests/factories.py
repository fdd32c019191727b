import factory

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.api.models import ApiClient
from terugkeer.api.services import api_client_create


class ApiClientFactory(factory.django.DjangoModelFactory):
    """An API client made by the service; ``plain_secret`` holds its secret (shown once)."""

    class Meta:
        model = ApiClient

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Zaaksysteem {n}")
    scopes = ("read:casework", "write:casework", "read:intake", "write:intake")
    days = 365

    @classmethod
    def _create(cls, model_class, *args, organisation, name, scopes, days, **kwargs):
        created = api_client_create(
            organisation=organisation, name=name, scopes=list(scopes), days=days
        )
        api_client = created.api_client
        for field, value in kwargs.items():
            setattr(api_client, field, value)
        if kwargs:
            api_client.save()
        api_client.plain_secret = created.client_secret
        return api_client
