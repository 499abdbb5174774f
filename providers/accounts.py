"""Provider accounts: which provider a self-service login may edit."""

from sozialraum.roles import PROVIDER, is_editorial_staff, user_has_role

from .models import ProviderAccount


def is_self_service(user):
    """A provider's own login: has a ``ProviderAccount`` or is in "Anbieter", and is not editorial staff."""
    if not user.is_authenticated or is_editorial_staff(user):
        return False
    return user_has_role(user, PROVIDER) or self_service_provider_id(user) is not None


def self_service_provider_id(user):
    """The provider a self-service login may edit (None if it has no ``ProviderAccount``)."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_self_service_provider_id", False)
    if cache is False:
        cache = ProviderAccount.objects.filter(user=user).values_list("provider_id", flat=True).first()
        user._self_service_provider_id = cache
    return cache
