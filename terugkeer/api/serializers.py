"""What the API shows of each resource (read) and accepts (trajectory edits, transitions)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.cases.choices import AFTERCARE_ONLY_FIELDS, Programme, TrajectoryStatus
from terugkeer.cases.models import Action, Contact, DomainAssessment, Goal, StatusChange, Trajectory
from terugkeer.cases.selectors import casework_users
from terugkeer.cases.services import EDITABLE_FIELDS
from terugkeer.clients.models import Client
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.mentoring.models import MentorMatch


class ReadModelSerializer(serializers.ModelSerializer):
    """A model serializer whose read-only fields still say they may be blank (``""``) or null,
    so the schema does not promise, say, one of the closing reasons for an open trajectory."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


class ClientSerializer(ReadModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    # Blank when unknown, so not ``format: email``.
    email = serializers.CharField(read_only=True, help_text="E-mailadres; leeg als onbekend.")

    class Meta:
        model = Client
        fields = [
            "id",
            "bsn",
            "initials",
            "first_names",
            "prefix",
            "surname",
            "birth_date",
            "sex",
            "address",
            "postcode",
            "city",
            "municipality",
            "phone",
            "email",
            "household",
            "minor_children",
            "version",
        ]
        read_only_fields = fields


class DetentionSerializer(ReadModelSerializer):
    institution = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Detention
        fields = [
            "id",
            "client",
            "institution",
            "dji_number",
            "start_date",
            "expected_end",
            "actual_end",
            "legal_title",
            "pi_casemanager_name",
            "pi_casemanager_phone",
            "version",
        ]
        read_only_fields = fields


class NotificationSerializer(ReadModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = DetentionNotification
        fields = [
            "id",
            "kind",
            "received_on",
            "source",
            "status",
            "review_reason",
            "bsn",
            "dji_number",
            "surname",
            "prefix",
            "first_names",
            "birth_date",
            "sex",
            "institution_name",
            "detention_start",
            "expected_release",
            "release_date",
            "legal_title",
            "pi_casemanager",
            "municipality",
            "client",
            "detention",
        ]
        read_only_fields = fields


class NotificationInSerializer(serializers.Serializer):
    """One melding as pushed (the fields of the file import); see docs/api.md."""

    kind = serializers.CharField(required=False, help_text="begin, einde, verlof, overplaatsing")
    bsn = serializers.CharField()
    surname = serializers.CharField()
    birth_date = serializers.CharField(help_text="jjjj-mm-dd of dd-mm-jjjj")
    municipality = serializers.CharField(help_text="naam of CBS-code")
    first_names = serializers.CharField(required=False)
    prefix = serializers.CharField(required=False)
    sex = serializers.CharField(required=False, help_text="M, V of X")
    dji_number = serializers.CharField(required=False)
    institution = serializers.CharField(required=False)
    detention_start = serializers.CharField(required=False)
    expected_release = serializers.CharField(required=False)
    release_date = serializers.CharField(required=False)
    legal_title = serializers.CharField(required=False)
    pi_casemanager = serializers.CharField(required=False)


class NotificationOutcomeSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    reason = serializers.CharField()
    notification = serializers.IntegerField(allow_null=True)
    trajectory = serializers.IntegerField(allow_null=True)
    trajectory_created = serializers.BooleanField()
    created = serializers.BooleanField()


class NotificationReceiptSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    results = NotificationOutcomeSerializer(many=True)


class StatusChangeSerializer(ReadModelSerializer):
    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "effective_on", "changed_at", "reason", "note"]
        read_only_fields = fields


class TriageSerializer(ReadModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DomainAssessment
        fields = ["domain", "status", "note", "health_insurance", "version"]
        read_only_fields = fields


class GoalSerializer(ReadModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "domain", "description", "achieved_on", "version"]
        read_only_fields = fields


class ActionSerializer(ReadModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "goal", "domain", "description", "owner", "due_date", "done_on", "version"]
        read_only_fields = fields


class ContactSerializer(ReadModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "kind", "date", "place", "participants", "notes"]
        read_only_fields = fields


TRAJECTORY_FIELDS = [
    "id",
    "client",
    "programme",
    "status",
    "source",
    "municipality",
    "coordinator",
    "substitute",
    "shielded",
    "category",
    "lead",
    "probation_supervision",
    "offer_status",
    "offer_date",
    "opened_on",
    "first_contact_due",
    "first_contact_on",
    "plan_agreed_on",
    "released_on",
    "aftercare_end",
    "closed_on",
    "closing_reason",
    "detention",
    "cohort_tag",
    "version",
]


class TrajectorySerializer(ReadModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Trajectory
        fields = TRAJECTORY_FIELDS
        read_only_fields = fields


class TrajectoryDetailSerializer(TrajectorySerializer):
    status_changes = StatusChangeSerializer(many=True, read_only=True)
    triage = TriageSerializer(many=True, read_only=True, source="domain_assessments")
    goals = GoalSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta(TrajectorySerializer.Meta):
        fields = [*TRAJECTORY_FIELDS, "status_changes", "triage", "goals", "actions", "contacts"]
        read_only_fields = fields


class TrajectoryUpdateSerializer(serializers.ModelSerializer):
    """The fields a coordinator edits on the overview; the version travels in ``If-Match``."""

    class Meta:
        model = Trajectory
        fields = list(EDITABLE_FIELDS)
        # The category's choices are its rule; the integer range Django adds depends on the
        # database backend and would make the committed schema differ between SQLite and
        # PostgreSQL.
        extra_kwargs = {"category": {"validators": []}}

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("coordinator", "substitute"):
            self.fields[name].queryset = casework_users(scope=scope)

    def validate(self, attrs):
        unknown = sorted(set(getattr(self, "initial_data", {})) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: _("Dit veld kan hier niet worden gewijzigd (wel: %(fields)s).")
                    % {"fields": ", ".join(self.fields)}
                    for name in unknown
                }
            )
        if self.instance is not None and self.instance.programme != Programme.AFTERCARE:
            wrong = sorted(set(attrs) & set(AFTERCARE_ONLY_FIELDS))
            if wrong:
                raise serializers.ValidationError(
                    {name: _("Dit veld hoort alleen bij een nazorgtraject.") for name in wrong}
                )
        return attrs


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=TrajectoryStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class DomainScoreSerializer(ReadModelSerializer):
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DomainScore
        fields = ["item", "score", "note"]
        read_only_fields = fields


class MeasurementSerializer(ReadModelSerializer):
    instrument = serializers.SlugRelatedField(slug_field="code", read_only=True)
    scores = DomainScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Measurement
        fields = ["id", "trajectory", "instrument", "kind", "measured_on", "note", "scores"]
        read_only_fields = fields


class MentorMatchSerializer(ReadModelSerializer):
    # Blank when the participant shares none, so not ``format: email``.
    shared_email = serializers.CharField(read_only=True)

    class Meta:
        model = MentorMatch
        fields = [
            "id",
            "trajectory",
            "mentor",
            "started_on",
            "ended_on",
            "end_reason",
            "shared_phone",
            "shared_email",
            "shared_contact_note",
            "version",
        ]
        read_only_fields = fields
