"""The security log."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_delete_login_attempt'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SecurityEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('kind', models.CharField(choices=[('login', 'Logged in'), ('login_failed', 'Login failed'), ('locked_out', 'Locked out'), ('logout', 'Logged out'), ('session_ended', 'Session ended (timeout)'), ('two_factor_failed', 'Two-factor code refused'), ('two_factor_enrolled', 'Two-factor login set up'), ('two_factor_reset', 'Two-factor devices reset'), ('password_changed', 'Password changed'), ('password_reset_requested', 'Password reset requested'), ('membership_changed', 'Role or membership changed'), ('denied', 'Access denied')], max_length=32, verbose_name='event')),
                ('username', models.CharField(blank=True, max_length=150, verbose_name='username')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='details')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'security event',
                'verbose_name_plural': 'security events',
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.AddIndex(
            model_name='securityevent',
            index=models.Index(fields=['at'], name='accounts_security_event_at'),
        ),
        migrations.AddIndex(
            model_name='securityevent',
            index=models.Index(fields=['username', 'at'], name='accounts_security_by_username'),
        ),
        migrations.AddConstraint(
            model_name='securityevent',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['login', 'login_failed', 'locked_out', 'logout', 'session_ended', 'two_factor_failed', 'two_factor_enrolled', 'two_factor_reset', 'password_changed', 'password_reset_requested', 'membership_changed', 'denied'])), name='accounts_security_event_kind_valid', violation_error_message='Unknown security event.'),
        ),
    ]
