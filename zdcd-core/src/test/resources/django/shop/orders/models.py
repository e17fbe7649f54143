from django.db import models


class Order(models.Model):
    note = models.TextField()
    email = models.TextField(null=True)
